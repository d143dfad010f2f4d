"""`kg serve`: the SPARQL endpoint and the graph explorer, as WSGI applications."""
