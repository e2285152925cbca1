"""Thin Dagster definitions by stage; the work is done by the plain modules they call."""
