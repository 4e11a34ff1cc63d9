"""`fzgen edit`: forms in the browser for the content files, checked with fzgen's own rules.

- `fields`: the form of a content file, generated from the JSON Schemas of the models,
- `values`: YAML data as flat form values and back,
- `checking`: an edited text validated in memory, each error at its form field,
- `saving`: the comment-keeping YAML round trip,
- `store`: the files of a site (offers, drafts, the Papierkorb, templates),
- `security`: token, Host and Origin checks,
- `server` and `handlers`: the tornado application with the editor and the preview.
"""
