"""The coordinator's paperwork (`fzgen report`): a year's figures of a site, counted from
its content and schedules, and the same tables as Markdown, CSV and printable HTML. Pure:
it reads no file but the site's own attendance list and writes nothing."""
