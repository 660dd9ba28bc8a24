NAME = "relpkg.base"
