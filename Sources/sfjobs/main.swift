import LuaHost
let host = try LuaHost()
try host.run("print(1+1)")
