// "Export PNG": the map exactly as it is on screen (its layers, colours, view and zoom), the standard OpenLayers
// pattern of drawing each layer's canvas into one, with a caption line saying what it shows. The PDF stays the
// renderer's full map page (legend, scale bar, credits).

const captionHeight = 28;

/** A PNG blob of the map's canvases as drawn now, with the caption under them. */
export function mapPng(map, caption) {
  return new Promise((resolve, reject) => {
    map.once('rendercomplete', () => {
      try {
        const [width, height] = map.getSize();
        const canvas = document.createElement('canvas');
        canvas.width = width;
        canvas.height = height + captionHeight;
        const context = canvas.getContext('2d');
        context.fillStyle = '#FFFFFF';
        context.fillRect(0, 0, canvas.width, canvas.height);
        for (const layer of map.getViewport().querySelectorAll('.ol-layer canvas, canvas.ol-layer')) {
          if (layer.width === 0) continue;
          const opacity = layer.parentNode.style.opacity || layer.style.opacity;
          context.globalAlpha = opacity === '' ? 1 : Number(opacity);
          // Each layer canvas is placed by a CSS transform (or scaled by its CSS size): draw it the same way.
          const matrix = layer.style.transform
            ? layer.style.transform.match(/^matrix\(([^(]*)\)$/)[1].split(',').map(Number)
            : [parseFloat(layer.style.width) / layer.width, 0, 0, parseFloat(layer.style.height) / layer.height, 0, 0];
          context.setTransform(...matrix);
          context.drawImage(layer, 0, 0);
        }
        context.globalAlpha = 1;
        context.setTransform(1, 0, 0, 1, 0, 0);
        context.fillStyle = '#333333';
        context.font = '14px sans-serif';
        context.textBaseline = 'middle';
        context.fillText(caption, 8, height + captionHeight / 2, width - 16);
        // A base map served without CORS taints the canvas: toBlob then throws, and the page says why.
        canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('empty image'))), 'image/png');
      } catch (e) {
        reject(e);
      }
    });
    map.renderSync();
  });
}
