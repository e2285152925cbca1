"""The document audit: reading the warehouse's audit findings (fct_audit_findings) and the per-document report."""
