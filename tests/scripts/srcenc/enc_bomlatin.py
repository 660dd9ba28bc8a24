# coding: latin-1
print("bom")
