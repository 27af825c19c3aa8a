"""Reporters: they only format a Report (or classify results); they never decide anything."""
