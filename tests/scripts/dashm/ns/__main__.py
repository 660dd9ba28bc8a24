print("ns main", __name__, __package__, __spec__.name)
