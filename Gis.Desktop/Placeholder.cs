namespace Gis.Desktop;
