"""Build glue: generators (plain functions, definition in, Markdown/HTML out) and thin MkDocs hooks."""
