# coding: xyz-nope
print(1)
