"""Importers: other formats turned into tailor's own (articles, glossaries).

One module per source format; each reads its format and returns tailor's models, checked
by the same validation a hand-written file gets. Add a new format as a new module here.
"""
