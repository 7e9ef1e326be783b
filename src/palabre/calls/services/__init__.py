"""Domain operations on calls: the grid, submissions before the deadline, the ranking."""
