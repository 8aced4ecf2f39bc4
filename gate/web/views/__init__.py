"""View models of the pages: every text chosen, translated and formatted here, so templates only iterate.

Builders take rows the services and queries return; they never query or change anything. One
module per area of the site.
"""
