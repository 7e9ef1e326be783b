"""Who may do what with the consultations of a space."""
