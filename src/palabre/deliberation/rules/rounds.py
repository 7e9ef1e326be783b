"""Who may do what with the rounds of a space."""
