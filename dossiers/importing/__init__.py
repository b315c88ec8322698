"""Reading published Kamerstukken: text clean-up, extraction and review."""
