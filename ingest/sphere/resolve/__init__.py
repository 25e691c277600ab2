"""Resolution: surface forms to canonical actors and places with stable ids."""
