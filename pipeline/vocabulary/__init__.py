"""How the documents write things, shared by the readers (to find tables) and the parser (to read them).

Text normalisation (``text``), amounts (``numbers``), account codes
(``account_codes``), table titles (``titles``), document titles on covers and in
file names (``document_titles``), 单位 lines (``units``) and the rows of a table
(``rows``: totals, the 栏次 row, the first body row). Pure
functions over strings; it imports nothing else of the pipeline.
"""
