"""The two roles of the app and what each may do, in one place for the migration and the tests."""

EDITOR_GROUP = "Beleidsmedewerker"
READER_GROUP = "Lezer"

EDITOR_ACTIONS = ("add", "change", "delete", "view")
READER_ACTIONS = ("view",)
