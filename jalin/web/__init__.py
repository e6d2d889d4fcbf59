"""Server-rendered pages and reports (Bahasa Indonesia first)."""
