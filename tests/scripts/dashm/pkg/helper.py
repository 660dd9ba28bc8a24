X = "helper X"
