<?xml version="1.0"?>
<!-- Rewrites the document: attributes become elements, names are normalised, skills are deduplicated. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="xml" indent="no"/>
  <xsl:template match="/company">
    <staff source="{@name}"><xsl:apply-templates select="employee"/></staff>
  </xsl:template>
  <xsl:template match="employee">
    <person>
      <id><xsl:value-of select="@id"/></id>
      <department><xsl:value-of select="translate(@dept, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')"/></department>
      <display><xsl:value-of select="concat(substring-after(name, ' '), ', ', substring-before(name, ' '))"/></display>
      <band>
        <xsl:choose>
          <xsl:when test="salary &gt; 90000">high</xsl:when>
          <xsl:when test="salary &gt; 50000">middle</xsl:when>
          <xsl:otherwise>entry</xsl:otherwise>
        </xsl:choose>
      </band>
      <xsl:for-each select="skill[not(. = preceding-sibling::skill)]">
        <xsl:sort select="."/>
        <skill rank="{position()}"><xsl:value-of select="."/></skill>
      </xsl:for-each>
    </person>
  </xsl:template>
</xsl:stylesheet>
