"""Every user-facing message in one place, coded, saying what happened and what to do next."""

E001 = (
    "E001 The English pipeline {model!r} is not installed. It is a pinned dependency: run `make install` "
    "(or `pip install -r requirements.lock`) in this environment; eventcoder never downloads models."
)
E002 = "E002 {path}: no such file or directory."
SUPPORTED = ".txt, .jsonl, .csv, .html, .rss/.atom/.xml feeds, any of them .gz"
E003 = "E003 {path}: no articles found (supported: " + SUPPORTED + ", or - for stdin)."
E004 = "E004 {path}: not UTF-8 text (binary file?), skipped."
E005 = "E005 {path}: empty file, skipped."
E006 = "E006 {path}:{line}: malformed JSON ({detail}), line skipped."
E007 = "E007 {path}:{line}: no 'text' field (or it is empty), line skipped."
E008 = "E008 Invalid --published date {value!r}: expected a real date as YYYY-MM-DD."
E009 = "E009 {path}:{line}: invalid 'published' value {value!r} (expected YYYY-MM-DD), using none."
E010 = "E010 {path}: unsupported file type {suffix!r} (supported: " + SUPPORTED + ")."
E011 = "E011 {origin}: coding failed ({detail}); article skipped."
E012 = "E012 Nothing could be coded: every input was missing, empty or malformed."
E013 = "E013 --actors {detail}. Fix the file (format: docs/actors-data.md) and run again."
