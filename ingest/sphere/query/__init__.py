"""Questions to the graph: the Cypher query modules in queries/, and the network scores behind them."""
