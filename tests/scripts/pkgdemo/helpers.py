from pkgdemo import VERSION

def describe():
    return "helpers of pkgdemo " + VERSION
