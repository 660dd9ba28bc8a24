VALUE = 'a from p1'
