import sys
print("argv", sys.argv[1:])
sys.stdout.write("written\n")
sys.exit(3)
