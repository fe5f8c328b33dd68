"""Scorers against public gold data in ../shared/datasets (never copied into this repo)."""
