"""Full-text search over published records (Whoosh by default).

Independent of Flask and of the content models: the web layer maps records to search
documents and hands them over.
"""
