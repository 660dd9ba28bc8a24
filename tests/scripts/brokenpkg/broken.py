raise KeyError("inside the submodule")
