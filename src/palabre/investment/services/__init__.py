"""Domain operations of the investment area, one module per part: stages of incentive tools,
tools and their results, currency conversion, opportunities, investor profiles and expressions
of interest, matching and its digest."""
