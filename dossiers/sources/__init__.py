"""The official sources the app fetches from: the government's official publications
(Kamerstukken, searched through SRU), the Tweede Kamer's open data (commitments and the debates
before each Council, through OData) and the European Parliament's open data (procedure files).

Each module reads one source into plain data; dossiers/sources/sync.py writes what they bring,
and every run is recorded as a SourceSync. Addresses, timeouts and the request rate are in
settings (OFFICIAL_SOURCES, SOURCE_*)."""
