"""Database models and engine / session setup."""
