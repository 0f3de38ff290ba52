"""Pure text processing: no Django imports here, so it is tested without a database."""
