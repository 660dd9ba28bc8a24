WHO = "sibling of " + __name__
