from nspkg import mod_a
VALUE = 'b sees ' + mod_a.VALUE
