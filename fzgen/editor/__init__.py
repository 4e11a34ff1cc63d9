"""`fzgen edit`: forms in the browser for the content files, checked with fzgen's own rules.

- `fields`: the form of a content file, generated from the JSON Schemas of the models,
- `values`: YAML data as flat form values and back,
- `checking`: an edited text validated in memory, each error at its form field,
- `editing`: one form's way from the file to the browser and back (check, save, conflict),
- `saving`: the comment-keeping YAML round trip,
- `store`: the files of a site (offers, drafts, the Papierkorb, templates),
- `page_files`: free pages, one file per language, as one form,
- `images`: uploaded pictures checked and written anew without metadata,
- `missing`: what each language still lacks,
- `forms`: what a form page shows, prepared for the templates,
- `security`: token, Host and Origin checks,
- `handlers`, `page_handlers` and `server`: the tornado application with the editor and
  the preview.
"""
