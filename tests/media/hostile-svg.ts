/** An SVG with every way to run script that a course file could carry, each printing `xss:<how>`. */
export const hostileSvg = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg [ <!ENTITY x "boom"> ]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 50" role="img" aria-labelledby="t" onload="console.log('xss:onload')">
  <title id="t">Manos</title>
  <script>console.log('xss:script')</script>
  <a xlink:href="javascript:console.log('xss:link')"><rect id="r" width="40" height="20" fill="#036"/></a>
  <use href="#r" x="50"/>
  <use href="https://evil.example/sprite.svg#icon"/>
  <foreignObject width="10" height="10"><iframe src="https://evil.example"></iframe></foreignObject>
  <animate attributeName="href" to="javascript:console.log('xss:animate')"/>
</svg>
`;
