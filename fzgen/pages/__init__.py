"""Stage 2: what each page shows, in memory (views, Markdown, dates, JSON-LD, calendars)."""
