KIND = 'module in p2'
