"""``python -m tailor.schema``: rewrite the published schema after the payload model changed."""

from . import SCHEMA_FILE, schema_text

SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
print(f"wrote {SCHEMA_FILE}")
