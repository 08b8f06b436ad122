"""Exchange with Excel/CSV and between copies of a plan (issue 8). No Qt here.

* :mod:`.columns` — the one table of sheets, columns and evaluation fields;
* :mod:`.xlsx_export`, :mod:`.csv_io` — writing workbooks, templates and CSV;
* :mod:`.reader`, :mod:`.importer` — reading them back into a preview;
* :mod:`.merge`, :mod:`.package` — merging copies by id and ``updated_at``;
* :mod:`.apply` — backup, then one transaction.
"""
