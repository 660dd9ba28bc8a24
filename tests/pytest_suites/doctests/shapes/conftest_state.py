calls = 0
