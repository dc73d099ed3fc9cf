-- wrk: request the URLs of the file $URLS in turn, each thread from its own starting point.
local urls = {}
for line in io.lines(os.getenv("URLS")) do urls[#urls + 1] = line end
local i = 0
function setup(thread) thread:set("start", math.random(#urls)) end
function init(args) i = start or 1 end
function request()
  i = i % #urls + 1
  return wrk.format("GET", urls[i])
end
