"""Reading manuscripts written elsewhere (Word, Markdown, JATS) into carekit drafts."""
