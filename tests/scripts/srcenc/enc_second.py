
# coding=iso-8859-1
s = "second é"
