"""Who may do what with the themes of a space."""
