s = "bom é"
