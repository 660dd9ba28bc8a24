KIND = 'regular package'
