"""Pages of the action plans, one module per part: plans, their actions, progress, promotion."""
