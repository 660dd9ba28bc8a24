print("importing pkgdemo")
VERSION = "1.0"
