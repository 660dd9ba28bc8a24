# abc and string (written in Python for hpymove); isinstance/issubclass via the metaclass.
from abc import ABC, ABCMeta, abstractmethod
import string
class Shape(ABC):
    @abstractmethod
    def area(self): ...
    @abstractmethod
    def name(self): ...
    def describe(self):
        return "%s with area %s" % (self.name(), self.area())
class Square(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
    def name(self): return "square"
class Half(Shape):
    def area(self): return 0
for cls in (Shape, Half):
    try:
        cls()
    except TypeError as e:
        print("TypeError", e)
print(Square(3).describe(), isinstance(Square(2), Shape), sorted(Shape.__abstractmethods__), Square.__abstractmethods__)
class Duck:
    pass
Shape.register(Duck)
print(isinstance(Duck(), Shape), issubclass(Duck, Shape), isinstance(3, Shape))
print(string.ascii_letters, string.digits, string.hexdigits, string.punctuation, string.capwords("hello big  world"), repr(string.whitespace))
